namespace Trial.Reactors;

/// <summary>When, during a reactor's shutdown, a trigger runs.</summary>
public enum ShutdownPhase
{
    /// <summary>First; a trigger may return a deferred, and shutdown waits for every such deferred to fire.</summary>
    Before,

    /// <summary>After every <see cref="Before"/> trigger's deferred has fired.</summary>
    During,

    /// <summary>Last, after the <see cref="During"/> triggers.</summary>
    After,
}
