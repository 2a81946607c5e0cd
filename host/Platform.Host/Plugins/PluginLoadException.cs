namespace Platform.Host.Plugins;

/// <summary>A plugin cannot be loaded; the message says why, for operators.</summary>
internal sealed class PluginLoadException(string message, Exception? innerException = null) : Exception(message, innerException);
