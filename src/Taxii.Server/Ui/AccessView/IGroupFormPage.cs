using Taxii.Core.Security;

namespace Taxii.Server.Ui.AccessView;

/// <summary>What the group form's fields (<c>_GroupFields</c>, shared by the new and edit pages) show.</summary>
internal interface IGroupFormPage
{
    GroupForm Input { get; }

    IReadOnlyList<Role> RoleChoices { get; }

    /// <summary>The group's members now, each with a checkbox to keep it.</summary>
    IReadOnlyList<(int Id, string Name)> Members { get; }
}
