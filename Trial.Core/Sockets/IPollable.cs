using System.Net.Sockets;

namespace Trial.Sockets;

/// <summary>A socket the reactor watches: a connection, a listening port, a connect in progress or a UDP port.</summary>
internal interface IPollable
{
    /// <summary>Gets the socket.</summary>
    Socket Socket { get; }

    /// <summary>Gets or sets the reactor's key for the socket (slot and generation), set when registered.</summary>
    long Key { get; set; }

    /// <summary>Gets a value indicating whether a level-triggered poller should report readability.</summary>
    bool WantsRead { get; }

    /// <summary>Gets a value indicating whether a level-triggered poller should report writability.</summary>
    bool WantsWrite { get; }

    /// <summary>Handles what the poller saw; runs on the loop.</summary>
    void OnEvents(PollEvents events);
}
