using System.Xml.Linq;
using Taxii.Core.Entities;

namespace Taxii.Feeds.ContentTypes.Stix;

/// <summary>
/// Collects the observables of CybOX <c>Observable</c> elements: the object's properties, the objects related to it
/// (an e-mail's attachments and links, the address a domain resolves to), and every member of an
/// <c>Observable_Composition</c> whatever its operator (Taxii keeps values, not the logic that joins them). An
/// <c>idref</c> on an observable or object is followed to the element with that id anywhere in the package; one that
/// is not in the package contributes nothing. Ids followed are recorded in <see cref="Referenced"/>, so top-level
/// observables that an indicator uses are not also read as entities of their own.
/// </summary>
internal sealed class StixObservableReader(StixDocument document)
{
    private static readonly XNamespace Cybox = StixNamespaces.Cybox;

    public HashSet<string> Referenced { get; } = new(StringComparer.Ordinal);

    /// <summary>The observables of one <c>Observable</c> element, in document order, each (kind, value) once.</summary>
    public List<NewObservable> Read(XElement observable, Maliciousness maliciousness)
    {
        var found = new List<NewObservable>();
        Add(observable, found, maliciousness);
        return found;
    }

    /// <summary>Adds the observables of one <c>Observable</c> element to <paramref name="found"/>, skipping ones it already has.</summary>
    public void Add(XElement observable, List<NewObservable> found, Maliciousness maliciousness)
    {
        var seen = new HashSet<XElement>();
        Observable(observable, seen, (kind, value) =>
        {
            if (!found.Exists(o => o.Kind == kind && o.Value == value))
            {
                found.Add(new NewObservable(kind, value, maliciousness));
            }
        });
    }

    private void Observable(XElement observable, HashSet<XElement> seen, Action<string, string> add)
    {
        if (!seen.Add(observable))
        {
            return;
        }

        if (Follow(observable) is { } target)
        {
            // an idref on an observable names an observable; a few producers point it at an object instead
            if (target.Name.LocalName == "Object")
            {
                Object(target, seen, add);
            }
            else
            {
                Observable(target, seen, add);
            }

            return;
        }

        foreach (var child in observable.Elements())
        {
            if (child.Name == Cybox + "Object")
            {
                Object(child, seen, add);
            }
            else if (child.Name == Cybox + "Observable_Composition")
            {
                foreach (var member in child.Elements(Cybox + "Observable"))
                {
                    Observable(member, seen, add);
                }
            }
        }
    }

    private void Object(XElement obj, HashSet<XElement> seen, Action<string, string> add)
    {
        if (!seen.Add(obj))
        {
            return;
        }

        if (Follow(obj) is { } target)
        {
            Object(target, seen, add);
            return;
        }

        if (obj.Element(Cybox + "Properties") is { } properties)
        {
            StixObjectProperties.Read(properties, add);
        }

        foreach (var related in obj.Elements(Cybox + "Related_Objects").Elements(Cybox + "Related_Object"))
        {
            Object(related, seen, add);
        }
    }

    /// <summary>The element an <c>idref</c> names (an empty one when the package has none), or null without an idref.</summary>
    private XElement? Follow(XElement element)
    {
        if (element.Attribute("idref")?.Value is not { Length: > 0 } idref)
        {
            return null;
        }

        Referenced.Add(idref);
        return document.Find(idref) ?? new XElement(element.Name);
    }
}
