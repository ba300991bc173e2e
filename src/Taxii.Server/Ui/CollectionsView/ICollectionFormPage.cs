namespace Taxii.Server.Ui.CollectionsView;

/// <summary>What the collection form's fields (<c>_CollectionFields</c>, shared by the create and edit pages) show.</summary>
internal interface ICollectionFormPage
{
    CollectionForm Input { get; }

    CollectionChoices Choices { get; }
}
