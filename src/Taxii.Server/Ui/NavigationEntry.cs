namespace Taxii.Server.Ui;

/// <summary>A page in the side navigation, under a section and a group (Settings › STIX and TAXII › TAXII).</summary>
internal sealed record NavigationEntry(string Section, string Group, string Title, string Href, string? Permission);
