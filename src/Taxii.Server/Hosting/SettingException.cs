namespace Taxii.Server.Hosting;

/// <summary>A setting the host cannot start with, named in the message: reported in one line, without a stack trace.</summary>
internal sealed class SettingException(string message) : Exception(message);
