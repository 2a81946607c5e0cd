namespace Platform.Sdk;

/// <summary>The version of the connector contract this assembly defines.</summary>
/// <remarks>
/// A plugin names the SDK version it was built against in its manifest (<see cref="PluginManifest.SdkVersion"/>).
/// The host loads a plugin when the major versions are equal and the plugin's minor version is not newer than the
/// host's: minor versions only add members, major versions may remove or change them.
/// </remarks>
public static class SdkVersion
{
    /// <summary>The SDK version of this assembly: <c>1.0</c>.</summary>
    public static Version Current { get; } = new(1, 0);

    /// <summary>Whether a plugin built against <paramref name="targeted"/> can run on this SDK.</summary>
    /// <param name="targeted">The SDK version the plugin's manifest names.</param>
    /// <returns><see langword="true"/> when the major versions match and the minor version is not newer.</returns>
    public static bool IsCompatible(Version targeted)
    {
        ArgumentNullException.ThrowIfNull(targeted);
        return targeted.Major == Current.Major && targeted.Minor <= Current.Minor;
    }
}
