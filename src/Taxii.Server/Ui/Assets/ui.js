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

// Feeds (incoming and outgoing): a run's progress refreshes itself while a run is queued or running. The runs section
// then carries data-refresh, the address of the same section alone (the page's ?handler=runs fragment); it is fetched
// every 1.5 s and swapped in, until a fresh section no longer carries data-refresh. And the feed forms show only the
// chosen transport's settings: a fieldset.transport is shown when its data-transport (one transport or several,
// separated by spaces) names the chosen one.
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
                fieldset.hidden = !fieldset.dataset.transport.split(" ").includes(chooser.value);
            }
            for (const hint of document.querySelectorAll(".no-js-hint")) {
                hint.hidden = true;
            }
        };
        chooser.addEventListener("change", show);
        show();
    }
});
