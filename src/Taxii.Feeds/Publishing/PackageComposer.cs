using System.Buffers;
using System.Security.Cryptography;
using Taxii.Feeds.ContentTypes;
using Taxii.Feeds.Transports;

namespace Taxii.Feeds.Publishing;

/// <summary>
/// Joins a writer's pieces into packages of at most <c>maxPackageBytes</c>, emitting each package as soon as the
/// next item would not fit. Each item is rendered into a scratch buffer first, so memory is one package plus one
/// item. Changes must arrive grouped by section in ascending order (a package opens each section at most once):
/// <see cref="ContentWriters.ChangeOrder"/> gives that order.
/// Package sequences start at 1; one composer serves one run and is not thread-safe.
/// </summary>
public sealed class PackageComposer
{
    private readonly IContentWriter _writer;
    private readonly long _maxPackageBytes;
    private readonly Func<int, PackageHeader> _headerFor;
    private readonly string _fileNameStem;
    private readonly ArrayBufferWriter<byte> _item = new();
    private readonly ArrayBufferWriter<byte> _measure = new(256);
    private PackageBuffer? _package;
    private PackageHeader? _header;
    private int _sequence;
    private int _section = -1;
    private int _runSection = -1;
    private int _entityCount;

    public PackageComposer(IContentWriter writer, long maxPackageBytes, Func<int, PackageHeader> headerFor, string fileNameStem)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPackageBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxPackageBytes, Array.MaxLength);
        ArgumentNullException.ThrowIfNull(headerFor);
        ArgumentException.ThrowIfNullOrEmpty(fileNameStem);
        _writer = writer;
        _maxPackageBytes = maxPackageBytes;
        _headerFor = headerFor;
        _fileNameStem = fileNameStem;
    }

    /// <summary>Packages emitted so far.</summary>
    public int PackageCount => _sequence - (_package is null ? 0 : 1);

    /// <summary>Entities written into packages (items that wrote nothing are not counted).</summary>
    public long EntityCount { get; private set; }

    /// <summary>
    /// Observables of the added entities written into packages: an added entity counts all its observables once it
    /// wrote anything (a plain-text line skipped for a line break inside a value is still counted).
    /// </summary>
    public long ObservableCount { get; private set; }

    public async ValueTask AddAsync(FeedChange change, Func<FeedPackage, CancellationToken, Task> emit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var section = _writer.SectionOf(change.Kind, change.Entity.Type);
        if (section < _runSection)
        {
            throw new InvalidOperationException(
                $"section {section} after section {_runSection}: changes must arrive grouped by section in ascending order");
        }

        var header = _header ?? _headerFor(_sequence + 1);
        Render(header, change);
        if (_item.WrittenCount == 0)
        {
            return;
        }

        if (_package is { } full && full.WrittenCount + Needed(section) > _maxPackageBytes)
        {
            await CloseAsync(full, emit, cancellationToken);
            header = _headerFor(_sequence + 1);

            // the item is rendered again for its new package, in case the header changes what it says
            Render(header, change);
        }

        var package = _package;
        if (package is null)
        {
            if (Measure(w => _writer.WriteStart(w, header)) + Needed(section) > _maxPackageBytes)
            {
                throw new PackageTooLargeException(change.Entity.ExternalId, _item.WrittenCount, _maxPackageBytes);
            }

            package = Open(header);
        }

        if (_section == section)
        {
            _writer.WriteSeparator(package);
        }
        else
        {
            if (_section >= 0)
            {
                _writer.WriteSectionEnd(package, _section);
            }

            _writer.WriteSectionStart(package, section);
            _section = section;
            _runSection = section;
        }

        package.Write(_item.WrittenSpan);
        _entityCount++;
        EntityCount++;
        if (change.Kind == FeedChangeKind.Add)
        {
            ObservableCount += change.Entity.Observables.Count;
        }
    }

    /// <summary>Emits the open package, if any item was written; emits nothing for a run that wrote nothing.</summary>
    public async Task CompleteAsync(Func<FeedPackage, CancellationToken, Task> emit, CancellationToken cancellationToken)
    {
        if (_package is { } open)
        {
            await CloseAsync(open, emit, cancellationToken);
        }
    }

    /// <summary>Emits a package with no items (Start and End), for a run that must say it had nothing to publish.</summary>
    public async Task EmitEmptyAsync(Func<FeedPackage, CancellationToken, Task> emit, CancellationToken cancellationToken)
    {
        if (_package is not null)
        {
            throw new InvalidOperationException("a package is open; complete it before emitting an empty one");
        }

        await CloseAsync(Open(_headerFor(_sequence + 1)), emit, cancellationToken);
    }

    private void Render(PackageHeader header, FeedChange change)
    {
        _item.ResetWrittenCount();
        _writer.WriteItem(_item, header, change);
    }

    /// <summary>Bytes the rendered item adds to the open package, with what must follow it to close the package.</summary>
    private long Needed(int section)
    {
        long transition = _section == section
            ? Measure(w => _writer.WriteSeparator(w))
            : (_section >= 0 ? Measure(w => _writer.WriteSectionEnd(w, _section)) : 0) + Measure(w => _writer.WriteSectionStart(w, section));
        return transition + _item.WrittenCount + Measure(w => _writer.WriteSectionEnd(w, section)) + Measure(_writer.WriteEnd);
    }

    private int Measure(Action<IBufferWriter<byte>> piece)
    {
        _measure.ResetWrittenCount();
        piece(_measure);
        return _measure.WrittenCount;
    }

    private PackageBuffer Open(PackageHeader header)
    {
        var package = new PackageBuffer(_maxPackageBytes);
        _package = package;
        _header = header;
        _sequence++;
        _section = -1;
        _entityCount = 0;
        _writer.WriteStart(package, header);
        return package;
    }

    private async Task CloseAsync(PackageBuffer package, Func<FeedPackage, CancellationToken, Task> emit, CancellationToken cancellationToken)
    {
        if (_section >= 0)
        {
            _writer.WriteSectionEnd(package, _section);
        }

        _writer.WriteEnd(package);
        var content = package.WrittenMemory;
        var result = new FeedPackage(
            _sequence,
            $"{_fileNameStem}-{_sequence:D4}.{_writer.FileExtension}",
            _writer.Binding,
            _writer.MediaType,
            _writer.IsXml,
            content,
            SHA256.HashData(content.Span),
            _entityCount);

        // the next package gets a new buffer: the emitted one belongs to its FeedPackage
        _package = null;
        _header = null;
        _section = -1;
        await emit(result, cancellationToken);
    }
}
