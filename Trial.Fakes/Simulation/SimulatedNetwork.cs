using System.Globalization;
using System.Net;
using Trial.Fakes.Time;
using Trial.Randomness;
using Trial.Transports;

namespace Trial.Fakes.Simulation;

/// <summary>
/// Many simulated hosts on one virtual clock and one seeded random source: TCP-like streams and datagrams over links
/// with latency, jitter and bandwidth, and faults injected now, at a virtual time, or by a seeded chaos schedule.
/// The same seed and scenario give the same run, and the same <see cref="NetworkTrace.Hash"/>, on every machine.
/// </summary>
/// <remarks>
/// <para>
/// Every host's timers, every delivery and every fault are delayed calls on <see cref="Clock"/>, so async code
/// (<c>await</c>, <c>Task.Delay</c> on a host's <see cref="SimulatedHost.TimeProvider"/>) runs on the same loop, in
/// a deterministic order. Every chance decision (segment sizes, jitter, datagram faults, chaos) draws from sources
/// derived from <see cref="Seed"/> by the project's own generator, never <see cref="System.Random"/>.
/// </para>
/// <para>
/// Run it with <see cref="Step"/>, <see cref="RunFor"/>, <see cref="RunUntilIdle"/> or <c>RunUntil</c>; each is
/// bounded in virtual time, and more than <see cref="NetworkOptions.MaxEventsPerInstant"/> events at one instant
/// fail as a livelock naming the call that kept running. Use it from one thread.
/// </para>
/// </remarks>
public sealed class SimulatedNetwork
{
    private readonly List<SimulatedHost> _hosts = [];
    private readonly Dictionary<string, SimulatedHost> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimulatedHost> _byAddress = new(StringComparer.Ordinal);
    private readonly List<Exception> _errors = [];
    private readonly SeededRandom _root;
    private readonly SeededRandom _wire;
    private readonly Topology _topology;
    private long _nextConnectionId;
    private int _running;

    /// <summary>Initializes a new network with no hosts, at virtual time zero.</summary>
    /// <param name="seed">The seed every chance decision derives from.</param>
    /// <param name="options">How links, connections and the trace behave; the defaults when <see langword="null"/>.</param>
    public SimulatedNetwork(ulong seed, NetworkOptions? options = null)
    {
        Seed = seed;
        Options = (options ?? new NetworkOptions()).Validated();
        Clock = new Clock { MaxCallsPerInstant = Options.MaxEventsPerInstant };
        _root = new SeededRandom(seed);
        _wire = _root.Fork(1);
        Random = _root.Fork(2);
        Trace = new NetworkTrace();
        _topology = new Topology(this);
    }

    /// <summary>Gets the seed.</summary>
    public ulong Seed { get; }

    /// <summary>Gets the options.</summary>
    public NetworkOptions Options { get; }

    /// <summary>Gets the one virtual clock everything runs on: <c>Now</c>, <c>TimeProvider</c>, <c>SynchronizationContext</c>.</summary>
    public Clock Clock { get; }

    /// <summary>Gets a seeded random source for the scenario's own choices, apart from the network's.</summary>
    public IRandomSource Random { get; }

    /// <summary>Gets the current virtual time.</summary>
    public TimeSpan Now => Clock.Now;

    /// <summary>Gets the hosts, in the order they were added.</summary>
    public IReadOnlyList<SimulatedHost> Hosts => _hosts;

    /// <summary>Gets the trace of everything that happened.</summary>
    public NetworkTrace Trace { get; }

    /// <summary>Gets the counts of the faults that actually fired, by kind.</summary>
    public FaultCoverage FaultCoverage { get; } = new();

    /// <summary>Gets the exceptions protocol callbacks threw (each aborted its connection), in order.</summary>
    public IReadOnlyList<Exception> Errors => _errors;

    /// <summary>Gets a value indicating whether one of the run methods is running the network.</summary>
    public bool Running => _running > 0;

    internal long NowTicks => Clock.Now.Ticks;

    /// <summary>Gets the host named <paramref name="name"/>.</summary>
    /// <param name="name">The host's name.</param>
    /// <exception cref="KeyNotFoundException">No host has that name.</exception>
    public SimulatedHost this[string name] => _byName.TryGetValue(name, out var host)
        ? host
        : throw new KeyNotFoundException($"No host is named {name}; the hosts are {string.Join(", ", _hosts.Select(h => h.Name))}.");

    /// <summary>Adds a host and runs its start-up at once (and again after each restart).</summary>
    /// <param name="name">A name unique in the network; other hosts connect to it by this name or by its address.</param>
    /// <param name="address">An IP address unique in the network; 10.0.x.y, counting up, when <see langword="null"/>.</param>
    /// <param name="startup">What the host does when it starts: listen, connect, schedule.</param>
    /// <returns>The host.</returns>
    /// <exception cref="ArgumentException">The name or the address is taken, or the address does not parse.</exception>
    public SimulatedHost AddHost(string name, string? address = null, Action<SimulatedHost>? startup = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_byName.ContainsKey(name))
        {
            throw new ArgumentException($"A host named {name} already exists.", nameof(name));
        }

        int id = _hosts.Count;
        var ip = address is null
            ? new IPAddress([10, 0, (byte)((id + 1) >> 8), (byte)((id + 1) & 0xFF)])
            : IPAddress.TryParse(address, out var parsed) ? parsed : throw new ArgumentException($"The address {address} of host {name} is not an IP address.", nameof(address));
        if (_byAddress.ContainsKey(ip.ToString()))
        {
            throw new ArgumentException($"The address {ip} is already taken by host {_byAddress[ip.ToString()].Name}.", nameof(address));
        }

        if (id > short.MaxValue)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"A network holds at most {short.MaxValue + 1} hosts."));
        }

        var host = new SimulatedHost(this, id, name, ip, startup);
        _hosts.Add(host);
        _byName.Add(name, host);
        _byAddress.Add(ip.ToString(), host);
        Trace.AddHost(name);
        host.Start();
        return host;
    }

    /// <summary>Sets one direction of the link between two hosts; the others keep <see cref="NetworkOptions.DefaultLink"/>.</summary>
    /// <param name="from">The sending host's name.</param>
    /// <param name="to">The receiving host's name.</param>
    /// <param name="options">The link's behaviour; it applies to what is sent from now on.</param>
    public void SetLink(string from, string to, LinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _topology.SetOptions(this[from], this[to], options);
    }

    /// <summary>Cuts both directions between every host of <paramref name="side"/> and every host of <paramref name="otherSide"/>.</summary>
    /// <param name="side">The names of the hosts on one side.</param>
    /// <param name="otherSide">The names of the hosts on the other side; every other host when <see langword="null"/>.</param>
    /// <remarks>Stream data waits (see <see cref="NetworkOptions.UserTimeout"/>); datagrams are lost; connects time out.</remarks>
    public void Partition(IEnumerable<string> side, IEnumerable<string>? otherSide = null)
    {
        var a = HostsNamed(side);
        var b = otherSide is null ? _hosts.Except(a).ToList() : HostsNamed(otherSide);
        _topology.Cut(a, b, bothWays: true, $"partition {Names(a)} | {Names(b)}");
    }

    /// <summary>Cuts only the directions from the hosts of <paramref name="from"/> to the hosts of <paramref name="to"/>.</summary>
    /// <param name="from">The names of the hosts whose sends are cut.</param>
    /// <param name="to">The names of the hosts that stop hearing them.</param>
    public void PartitionOneWay(IEnumerable<string> from, IEnumerable<string> to)
    {
        var a = HostsNamed(from);
        var b = HostsNamed(to);
        _topology.Cut(a, b, bothWays: false, $"partition one way {Names(a)} -> {Names(b)}");
    }

    /// <summary>Cuts a host off from every other host, both ways.</summary>
    /// <param name="host">The host's name.</param>
    public void Isolate(string host) => Partition([host]);

    /// <summary>Removes every partition; stream data that waited is sent.</summary>
    public void Heal() => _topology.Heal();

    /// <summary>Holds everything in and out of a host for <paramref name="duration"/>: stream data and datagrams wait, then flow.</summary>
    /// <param name="host">The host's name.</param>
    /// <param name="duration">How long.</param>
    public void Clog(string host, TimeSpan duration) => _topology.Clog(this[host], null, LinkOptions.NotNegative(duration, nameof(duration)));

    /// <summary>Holds everything on one direction of a link for <paramref name="duration"/>.</summary>
    /// <param name="from">The sending host's name.</param>
    /// <param name="to">The receiving host's name.</param>
    /// <param name="duration">How long.</param>
    public void ClogLink(string from, string to, TimeSpan duration) => _topology.Clog(this[from], this[to], LinkOptions.NotNegative(duration, nameof(duration)));

    /// <summary>Adds <paramref name="extra"/> delay to what is sent on one direction of a link for <paramref name="duration"/>.</summary>
    /// <param name="from">The sending host's name.</param>
    /// <param name="to">The receiving host's name.</param>
    /// <param name="extra">The extra one-way delay.</param>
    /// <param name="duration">How long the spike lasts.</param>
    public void LatencySpike(string from, string to, TimeSpan extra, TimeSpan duration) =>
        _topology.Spike(this[from], this[to], LinkOptions.NotNegative(extra, nameof(extra)), LinkOptions.NotNegative(duration, nameof(duration)));

    /// <summary>Resets a connection from the network: both ends hear <see cref="Trial.Errors.ConnectionResetException"/> now.</summary>
    /// <param name="transport">Either end's transport.</param>
    /// <exception cref="ArgumentException">The transport is not a connection of this network.</exception>
    public void ResetConnection(ITransport transport) => ConnectionFaults.Reset(End(transport), "reset");

    /// <summary>Resets a connection once <paramref name="bytes"/> more bytes have left <paramref name="transport"/>'s end.</summary>
    /// <param name="transport">The end whose sending counts.</param>
    /// <param name="bytes">How many more bytes may leave; the reset follows the last of them.</param>
    public void ResetConnectionAfter(ITransport transport, long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        End(transport).Out.ResetAt = End(transport).Out.Sent + bytes;
        End(transport).Out.TrySend();
    }

    /// <summary>Runs <paramref name="fault"/> (or anything else) at virtual time <paramref name="time"/>.</summary>
    /// <param name="time">When; not before <see cref="Now"/>.</param>
    /// <param name="fault">What to do, such as <c>n =&gt; n.Partition(["a"])</c>.</param>
    /// <returns>The scheduled call, which can be cancelled.</returns>
    public Trial.Time.IDelayedCall At(TimeSpan time, Action<SimulatedNetwork> fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (time < Now)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, $"Cannot schedule in the past: the network is at {Now}.");
        }

        return Clock.CallLater(time - Now, () => fault(this));
    }

    /// <summary>Starts a seeded schedule of faults drawn from <paramref name="options"/>' rates, for sweeping a scenario over seeds.</summary>
    /// <param name="options">The rates, durations and the window of the schedule.</param>
    public void StartChaos(ChaosOptions options) => Chaos.Start(this, options ?? throw new ArgumentNullException(nameof(options)), _root.Fork(3));

    /// <summary>Runs the events of the next instant that has any (posted work first).</summary>
    /// <returns><see langword="false"/> when nothing was pending: the network is idle.</returns>
    public bool Step() => Run(() => Clock.AdvanceToNextEvent());

    /// <summary>Runs until nothing is pending.</summary>
    /// <param name="limit">How much virtual time may pass; a periodic timer never lets the network go idle.</param>
    /// <exception cref="TimeoutException">Events are still pending when the limit has passed; the message names them.</exception>
    public void RunUntilIdle(TimeSpan limit) => Run(() => Clock.RunUntilIdle(limit));

    /// <summary>Runs everything due in the next <paramref name="duration"/> of virtual time.</summary>
    /// <param name="duration">How far to move time.</param>
    public void RunFor(TimeSpan duration) => Run(() => Clock.Advance(duration));

    /// <summary>Runs from event to event until <paramref name="condition"/> holds.</summary>
    /// <param name="condition">Checked before anything runs and after each event.</param>
    /// <param name="limit">How much virtual time may pass.</param>
    /// <exception cref="TimeoutException">The condition still fails when the limit has passed.</exception>
    /// <exception cref="InvalidOperationException">The condition fails and nothing is pending that could change it.</exception>
    public void RunUntil(Func<bool> condition, TimeSpan limit) => Run(() => Clock.RunUntil(condition, limit));

    /// <summary>Runs from event to event until <paramref name="task"/> completes.</summary>
    /// <param name="task">The task to wait for.</param>
    /// <param name="limit">How much virtual time may pass.</param>
    public void RunUntil(Task task, TimeSpan limit) => Run(() => Clock.RunUntil(task, limit));

    /// <summary>Starts <paramref name="asyncAction"/> on the network's loop, then runs until the task it returns completes.</summary>
    /// <param name="asyncAction">Starts the asynchronous work; its awaits come back to the loop.</param>
    /// <param name="limit">How much virtual time may pass.</param>
    /// <returns>The completed task; awaiting it observes its outcome.</returns>
    public Task RunUntil(Func<Task> asyncAction, TimeSpan limit)
    {
        Task? task = null;
        Run(() => task = Clock.RunUntil(asyncAction, limit));
        return task!;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"SimulatedNetwork(seed {Seed}, {_hosts.Count} hosts, at {Now})");

    internal SimulatedHost? Resolve(string nameOrAddress) =>
        _byName.TryGetValue(nameOrAddress, out var host) || _byAddress.TryGetValue(nameOrAddress, out host) ? host : null;

    internal Link LinkBetween(SimulatedHost from, SimulatedHost to) => _topology.Get(from, to);

    internal long NextConnectionId() => ++_nextConnectionId;

    internal SeededRandom ForkRandom(ulong stream) => _root.Fork(stream);

    internal void Record(TraceEventKind kind, int host, int channel, long offset, int count, string? detail = null, ReadOnlySpan<byte> payload = default) =>
        Trace.Record(kind, NowTicks, host, channel, offset, count, detail, payload, Options.CapturePayloads && !payload.IsEmpty);

    /// <summary>Draws the size of the next stream segment on a link.</summary>
    internal int SegmentSize(LinkOptions link) => link.MinSegmentSize == link.MaxSegmentSize
        ? link.MinSegmentSize
        : _wire.Next(link.MinSegmentSize, link.MaxSegmentSize + 1);

    /// <summary>Puts <paramref name="size"/> bytes on a link now: returns when they arrive, after bandwidth, latency and jitter.</summary>
    internal long Transmit(Link link, int size, long now)
    {
        var options = link.Options;
        long depart = now;
        if (options.BandwidthBytesPerSecond is long bandwidth)
        {
            depart = Math.Max(now, link.BusyUntil);
            depart += ((size * TimeSpan.TicksPerSecond) + bandwidth - 1) / bandwidth;
            link.BusyUntil = depart;
        }

        long delay = options.Latency.Ticks + link.SpikeTicks;
        if (options.Jitter > TimeSpan.Zero)
        {
            delay = Math.Max(0, delay + (long)Math.Round(_wire.NextNormal(0, options.Jitter.Ticks)));
        }

        return depart + delay;
    }

    /// <summary>Sends a datagram across a link: lost, duplicated, held back or clogged as the link says.</summary>
    internal void SendDatagram(Datagram datagram, Link link)
    {
        var options = link.Options;
        long now = NowTicks;
        if (link.Dropping)
        {
            datagram.Drop("partition");
            return;
        }

        if (options.DatagramLossRate > 0 && _wire.NextDouble() < options.DatagramLossRate)
        {
            FaultCoverage.Add(FaultKind.DatagramLoss);
            datagram.Drop("loss");
            return;
        }

        if (link.Blocked(now))
        {
            link.Held.Add(datagram);
            return;
        }

        Launch(datagram, link, now);
    }

    /// <summary>Sends the datagrams a clog held, in order.</summary>
    internal void ReleaseHeld(Link link)
    {
        if (link.Held.Count == 0)
        {
            return;
        }

        var held = link.Held.ToArray();
        link.Held.Clear();
        foreach (var datagram in held)
        {
            Launch(datagram, link, NowTicks);
        }
    }

    /// <summary>Runs <paramref name="action"/> at the current instant on behalf of <paramref name="host"/> (it dies if the host crashes).</summary>
    internal void Soon(SimulatedHost host, Action action) => HostCall.Schedule(host, TimeSpan.Zero, action, traced: false);

    internal void LogProtocolError(SimulatedHost host, StreamEnd end, Exception error) =>
        ReportError(host, $"A protocol callback on {end} threw", error);

    internal void ReportError(SimulatedHost host, string what, Exception error)
    {
        _errors.Add(error);
        Trace.Record(TraceEventKind.Fault, NowTicks, host.Id, -1, 0, 0, $"error: {what}: {error.GetType().Name}: {error.Message}");
        Options.OnError?.Invoke(host, what, error);
    }

    private List<SimulatedHost> HostsNamed(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return names.Select(name => this[name]).ToList();
    }

    private static string Names(List<SimulatedHost> hosts) => string.Join(",", hosts.Select(h => h.Name));

    private StreamEnd End(ITransport transport) => transport is StreamEnd end && end.Host.Network == this
        ? end
        : throw new ArgumentException($"{transport} is not a connection of this simulated network.", nameof(transport));

    private void Launch(Datagram datagram, Link link, long now)
    {
        var options = link.Options;
        long arrival = Transmit(link, 0, now);
        if (options.DatagramReorderRate > 0 && _wire.NextDouble() < options.DatagramReorderRate)
        {
            FaultCoverage.Add(FaultKind.DatagramReorder);
            arrival += (long)(_wire.NextDouble() * options.ReorderDelay.Ticks);
        }

        datagram.Send(arrival);
        if (options.DatagramDuplicateRate > 0 && _wire.NextDouble() < options.DatagramDuplicateRate)
        {
            FaultCoverage.Add(FaultKind.DatagramDuplicate);
            Record(TraceEventKind.DatagramDuplicated, link.From.Id, -1, 0, 0);
            datagram.Send(Transmit(link, 0, now));
        }
    }

    private bool Run(Func<bool> body)
    {
        _running++;
        try
        {
            return body();
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{timeout.Message} {DescribePending()}", timeout);
        }
        finally
        {
            _running--;
        }
    }

    private void Run(Action body) => Run(() =>
    {
        body();
        return true;
    });

    /// <summary>Names what is still pending, host by host, for the message of a run that did not finish.</summary>
    private string DescribePending()
    {
        var parts = new List<string>();
        foreach (var host in _hosts)
        {
            var calls = host.Calls.Snapshot();
            if (calls.Count > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{host.Name}: {calls.Count} calls, next {calls[0]}"));
            }
        }

        return parts.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{Clock.PendingCallCount} network events were pending (deliveries, faults).")
            : $"Still pending: {string.Join("; ", parts)}.";
    }
}
