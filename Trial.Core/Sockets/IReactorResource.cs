namespace Trial.Sockets;

/// <summary>Something the reactor must close when it stops: a port, a connection attempt or a connection.</summary>
internal interface IReactorResource
{
    /// <summary>Closes at once because the reactor is stopping, delivering the losses and stops it owes.</summary>
    void CloseForShutdown();
}
