using FluentAssertions;
using OpenQA.Selenium;
using Taxii.Testing;

namespace Taxii.Server.Tests.Ui;

/// <summary>Datasets changed in a real headless chromium: a STIX file uploaded straight to a dataset through its form.</summary>
public sealed class DatasetBrowserTests(IntelUiFactory app) : IClassFixture<IntelUiFactory>
{
    [Fact]
    public async Task An_uploader_sends_a_stix_file_straight_to_a_dataset_and_sees_what_was_stored()
    {
        var dataset = await app.AddDatasetAsync("browser upload target", app.GroupId);
        using var browser = UiBrowser.Start(app.Address("/"));
        browser.SignIn(IntelUiFactory.UploaderName, UiFactory.Password);

        browser.Driver.FindElement(By.CssSelector("nav.side a[href='/ui/datasets']")).Click();
        browser.Wait.Until(d => d.FindElements(By.Id("datasets")).Count == 1);
        browser.Driver.FindElement(By.Id("new-dataset")).Displayed.Should().BeTrue();
        browser.Open($"/ui/datasets/{dataset}");
        browser.Driver.FindElement(By.Id("upload-dataset")).Click();
        browser.Wait.Until(d => new Uri(d.Url).AbsolutePath == $"/ui/datasets/{dataset}/upload");
        browser.Driver.FindElement(By.Id("upload-limit")).Text.Should().Contain("64 KiB");
        browser.Driver.FindElement(By.Id("upload-file")).SendKeys(ReferenceMaterial.Require(IntelPageTests.StixSample));
        browser.Driver.FindElement(By.Id("upload-submit")).Click();

        browser.Wait.Until(d => d.FindElements(By.Id("upload-outcome")).Count == 1);
        browser.Driver.FindElement(By.Id("upload-outcome-title")).Text.Should().Be("Stored");
        int.Parse(browser.Driver.FindElement(By.Id("count-created")).Text, System.Globalization.CultureInfo.InvariantCulture).Should().BePositive();
        (await app.ObservableValuesAsync(dataset)).Should().Contain(["10.0.0.0", "10.0.0.1", "10.0.0.2"]);
        browser.Screenshot("dataset-upload");
    }
}
