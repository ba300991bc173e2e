using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Taxii.Server.Tests.Ui;

/// <summary>
/// Debian's chromium, headless, driven by its chromidriver through Selenium WebDriver (paths given, so Selenium Manager
/// never downloads anything). Missing binaries skip the test, or fail it under <c>CI=true</c> (.ci/run installs them).
/// Screenshots go to the folder named by <c>TAXII_UI_SCREENSHOTS</c>, when set.
/// </summary>
public sealed class UiBrowser : IDisposable
{
    private static readonly string[] Browsers = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
    private static readonly string[] Drivers = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"];

    private readonly string _profile;

    private UiBrowser(string browser, string driver, Uri baseAddress)
    {
        BaseAddress = baseAddress;
        _profile = Directory.CreateTempSubdirectory("taxii-ui-chromium-").FullName;
        var options = new ChromeOptions { BinaryLocation = browser };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,860",
            "--user-data-dir=" + _profile);
        var service = ChromeDriverService.CreateDefaultService(System.IO.Path.GetDirectoryName(driver)!, System.IO.Path.GetFileName(driver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        Wait = new WebDriverWait(Driver, TimeSpan.FromSeconds(15));
    }

    public ChromeDriver Driver { get; }

    public WebDriverWait Wait { get; }

    public Uri BaseAddress { get; }

    /// <summary>A started browser, or a skip (a failure under CI=true) naming what is missing.</summary>
    public static UiBrowser Start(Uri baseAddress)
    {
        var browser = Browsers.FirstOrDefault(File.Exists);
        var driver = Drivers.FirstOrDefault(File.Exists);
        if (browser is null || driver is null)
        {
            var reason = $"no {(browser is null ? "chromium" : "chromedriver")}: install Debian's chromium and chromium-driver packages (.ci/run does)";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("CI=true but " + reason);
            }

            Assert.Skip(reason);
        }

        return new UiBrowser(browser, driver, baseAddress);
    }

    public void Open(string path) => Driver.Navigate().GoToUrl(new Uri(BaseAddress, path));

    public string Path => new Uri(Driver.Url).PathAndQuery;

    public void SignIn(string user, string password)
    {
        Open("/ui/sign-in");
        Driver.FindElement(By.Id("UserName")).SendKeys(user);
        Driver.FindElement(By.Id("Password")).SendKeys(password);
        Screenshot("sign-in");
        Driver.FindElement(By.CssSelector("main form button[type=submit]")).Click();
        Wait.Until(d => new Uri(d.Url).AbsolutePath == "/ui");
    }

    /// <summary>Saves the page as <c>&lt;name&gt;.png</c> when <c>TAXII_UI_SCREENSHOTS</c> names a folder.</summary>
    public void Screenshot(string name)
    {
        if (Environment.GetEnvironmentVariable("TAXII_UI_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            Driver.GetScreenshot().SaveAsFile(System.IO.Path.Combine(folder, name + ".png"));
        }
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        Directory.Delete(_profile, recursive: true);
    }
}
