namespace Platform.TestPlugins.Dependency;

/// <summary>A base class living in a separate assembly, so that loading a type derived from it needs this assembly.</summary>
public abstract class DependencyBase
{
    public string Origin => "dependency";
}
