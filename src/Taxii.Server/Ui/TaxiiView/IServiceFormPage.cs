namespace Taxii.Server.Ui.TaxiiView;

/// <summary>What the service form's fields (<c>_ServiceFields</c>, shared by the create and edit pages) show.</summary>
internal interface IServiceFormPage
{
    ServiceForm Input { get; }

    /// <summary>The collections the user may see, to tick those the service serves.</summary>
    IReadOnlyList<(int Id, string Name)> Choices { get; }
}
