using Trial.Framing;
using Trial.Tests.Framing.Vectors;

namespace Trial.Tests.Framing.Scripted;

/// <summary>The C# twins of generate.py's scripted IntN receivers: "quit" closes, "pause" pauses, "stop" stops.</summary>
internal static class ScriptedPrefixedReceivers
{
    public static IScripted Create(string receiver, int maxLength)
    {
        IntNStringReceiver created = receiver switch
        {
            "int32" => new Int32(),
            "int16" => new Int16(),
            "int8" => new Int8(),
            _ => throw new ArgumentOutOfRangeException(nameof(receiver), receiver, "Unknown receiver."),
        };
        created.MaxLength = maxLength;
        return (IScripted)created;
    }

    private static void OnString(IntNStringReceiver receiver, List<string> events, ReadOnlySpan<byte> data, Action stop)
    {
        events.Add("string:" + TwistedVectors.Text(data));
        if (data.SequenceEqual("quit"u8))
        {
            receiver.Transport!.LoseConnection();
        }
        else if (data.SequenceEqual("pause"u8))
        {
            receiver.PauseProducing();
        }
        else if (data.SequenceEqual("stop"u8))
        {
            stop();
            receiver.StopProducing();
        }
    }

    private sealed class Int32 : Int32StringReceiver, IScripted
    {
        public List<string> Events { get; } = [];

        public bool IsPaused => Paused;

        public bool Stopped { get; private set; }

        public void Resume() => ResumeProducing();

        protected override void StringReceived(ReadOnlySpan<byte> data) => OnString(this, Events, data, () => Stopped = true);

        protected override void LengthLimitExceeded(long length)
        {
            Events.Add($"limit:{length}");
            base.LengthLimitExceeded(length);
        }
    }

    private sealed class Int16 : Int16StringReceiver, IScripted
    {
        public List<string> Events { get; } = [];

        public bool IsPaused => Paused;

        public bool Stopped { get; private set; }

        public void Resume() => ResumeProducing();

        protected override void StringReceived(ReadOnlySpan<byte> data) => OnString(this, Events, data, () => Stopped = true);

        protected override void LengthLimitExceeded(long length)
        {
            Events.Add($"limit:{length}");
            base.LengthLimitExceeded(length);
        }
    }

    private sealed class Int8 : Int8StringReceiver, IScripted
    {
        public List<string> Events { get; } = [];

        public bool IsPaused => Paused;

        public bool Stopped { get; private set; }

        public void Resume() => ResumeProducing();

        protected override void StringReceived(ReadOnlySpan<byte> data) => OnString(this, Events, data, () => Stopped = true);

        protected override void LengthLimitExceeded(long length)
        {
            Events.Add($"limit:{length}");
            base.LengthLimitExceeded(length);
        }
    }
}
