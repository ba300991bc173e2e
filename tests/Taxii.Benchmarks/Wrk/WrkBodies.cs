using Taxii.Protocol.Messages;
using Taxii.Protocol.Xml;

namespace Taxii.Benchmarks.Wrk;

/// <summary>
/// The request bodies wrk sends, written by the project's TAXII 1.1 writer (so they are what a real client sends) into
/// files that <c>taxii.lua</c> reads. The message id is a marker the script replaces per request, so each request has
/// its own; a Poll_Fulfillment template also has markers for the result id and the part number.
/// </summary>
internal sealed class WrkBodies(string directory)
{
    public const string MessageId = "@@ID@@";

    private const string ResultId = "@@RESULT@@";

    /// <summary>A part number no real answer has, replaced by the script (the writer takes only a number there).</summary>
    private const int PartNumber = 987654321;

    public static PollRequest Poll(string collection) => new(MessageId, collection)
    {
        PollParameters = new PollParameters { AllowAsynch = false, ResponseType = ResponseType.Full },
    };

    public static PollFulfillmentRequest Fulfilment(string collection) => new(MessageId, collection, ResultId) { ResultPartNumber = PartNumber };

    /// <summary>Writes <paramref name="message"/> as TAXII 1.1 XML to <c>{name}.xml</c> and returns the file's path.</summary>
    public async Task<string> WriteAsync(string name, ITaxiiMessage message, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, name + ".xml");
        await using var file = File.Create(path);
        await TaxiiMessageWriter.WriteAsync(file, message, TaxiiVersion.V11, cancellationToken);
        return path;
    }
}
