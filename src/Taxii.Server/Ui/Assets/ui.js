// Taxii web UI: row links, the "More" menus and the refresh of running feed runs. Everything works without this file
// (headers and cells are links; a page with a running run says to reload it).
"use strict";

document.addEventListener("DOMContentLoaded", () => {
    // a click anywhere in a row opens it, unless it was on a link, a button or inside a menu
    for (const row of document.querySelectorAll("tr[data-href]")) {
        row.addEventListener("click", event => {
            if (!event.target.closest("a, button, [role=menu], input, label")) {
                window.location.assign(row.dataset.href);
            }
        });
    }

    for (const button of document.querySelectorAll(".menu-button")) {
        const menu = document.getElementById(button.getAttribute("aria-controls"));
        const items = () => Array.from(menu.querySelectorAll("[role=menuitem]"));
        const open = focusFirst => {
            closeAll();
            menu.hidden = false;
            button.setAttribute("aria-expanded", "true");
            if (focusFirst) {
                items()[0]?.focus();
            }
        };
        const close = refocus => {
            menu.hidden = true;
            button.setAttribute("aria-expanded", "false");
            if (refocus) {
                button.focus();
            }
        };
        menu.closeMenu = close;

        // Enter and Space click a button: opening that way moves focus into the menu, as keyboard users expect
        button.addEventListener("click", event => {
            event.stopPropagation();
            if (menu.hidden) {
                open(event.detail === 0);
            } else {
                close(false);
            }
        });
        button.addEventListener("keydown", event => {
            if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                event.preventDefault();
                open(false);
                const list = items();
                (event.key === "ArrowDown" ? list[0] : list[list.length - 1])?.focus();
            }
        });
        menu.addEventListener("keydown", event => {
            const list = items();
            const index = list.indexOf(document.activeElement);
            if (event.key === "Escape") {
                event.preventDefault();
                close(true);
            } else if (event.key === "ArrowDown") {
                event.preventDefault();
                list[(index + 1) % list.length].focus();
            } else if (event.key === "ArrowUp") {
                event.preventDefault();
                list[(index - 1 + list.length) % list.length].focus();
            } else if (event.key === "Home") {
                event.preventDefault();
                list[0].focus();
            } else if (event.key === "End") {
                event.preventDefault();
                list[list.length - 1].focus();
            } else if (event.key === "Tab") {
                close(false);
            } else if (event.key === " ") {
                // Space activates a menu item as Enter does
                event.preventDefault();
                document.activeElement.click();
            }
        });
    }

    // a section of class "refresh" (an incoming feed's runs while one is queued or running) is read again from the
    // same address every 2 seconds and replaced, until the fresh page no longer marks it
    for (const marked of document.querySelectorAll(".refresh[id]")) {
        const id = marked.id;
        const refresh = async () => {
            try {
                const response = await fetch(window.location.href, { headers: { Accept: "text/html" }, credentials: "same-origin" });
                const fresh = response.ok ? new DOMParser().parseFromString(await response.text(), "text/html").getElementById(id) : null;
                if (fresh) {
                    document.getElementById(id)?.replaceWith(document.adoptNode(fresh));
                    if (!fresh.classList.contains("refresh")) {
                        return;
                    }
                }
            } catch {
                // the next attempt may succeed; the reload link still works
            }

            window.setTimeout(refresh, 2000);
        };
        window.setTimeout(refresh, 2000);
    }

    document.addEventListener("click", event => {
        if (!event.target.closest(".menu")) {
            closeAll();
        }
    });

    function closeAll() {
        for (const menu of document.querySelectorAll(".menu [role=menu]")) {
            if (!menu.hidden) {
                menu.closeMenu(false);
            }
        }
    }
});

// Outgoing feeds: a run's progress refreshes itself while a run is queued or running (the server's runs fragment
// replaces the section; it stops when no run is active), and the form shows only the chosen transport's settings.
document.addEventListener("DOMContentLoaded", () => {
    const refresh = () => {
        const section = document.querySelector("section[data-refresh]");
        if (!section) {
            return;
        }
        window.setTimeout(async () => {
            try {
                const response = await fetch(section.dataset.refresh, { credentials: "same-origin", headers: { Accept: "text/html" } });
                if (response.ok) {
                    section.outerHTML = await response.text();
                }
            } finally {
                refresh();
            }
        }, 1500);
    };
    refresh();

    const chooser = document.querySelector("select.transport-chooser");
    if (chooser) {
        const show = () => {
            for (const fieldset of document.querySelectorAll("fieldset.transport")) {
                fieldset.hidden = fieldset.dataset.transport !== chooser.value;
            }
            for (const hint of document.querySelectorAll(".no-js-hint")) {
                hint.hidden = true;
            }
        };
        chooser.addEventListener("change", show);
        show();
    }
});
