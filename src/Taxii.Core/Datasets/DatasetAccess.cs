using Taxii.Core.Security;

namespace Taxii.Core.Datasets;

/// <summary>A group whose members may see and use a dataset.</summary>
public sealed class DatasetAccess
{
    public int DatasetId { get; set; }

    public int GroupId { get; set; }

    public Group? Group { get; set; }
}
