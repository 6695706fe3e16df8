using System.Text;
using Trial.Fakes.Memory;
using Trial.Transports;

namespace Trial.Tests.Fakes.Memory;

public sealed class NonStreamingProducerTests
{
    [Fact]
    public void ItWritesItsCounterTenTimes_ThenUnregistersAndCompletes()
    {
        var consumer = new ConsumerProbe();
        var producer = new NonStreamingProducer(consumer);
        consumer.RegisterProducer(producer, streaming: false);
        consumer.Producer.Should().BeSameAs(producer);
        producer.Consumer.Should().BeSameAs(consumer);

        for (int i = 0; i < 10; i++)
        {
            producer.ResumeProducing();
        }

        consumer.Writes.Should().Equal("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        consumer.Producer.Should().BeNull();
        producer.Consumer.Should().BeNull();
        producer.Completion.IsCompletedSuccessfully.Should().BeTrue();
        producer.Invoking(p => p.ResumeProducing()).Should().Throw<InvalidOperationException>().WithMessage("BUG*10 chunks*");
    }

    [Fact]
    public void StopProducing_EndsIt_SoThatResumingThrows()
    {
        var producer = new NonStreamingProducer(new ConsumerProbe());
        producer.ResumeProducing();

        producer.StopProducing();

        producer.Stopped.Should().BeTrue();
        producer.Completion.IsCompletedSuccessfully.Should().BeTrue();
        producer.Invoking(p => p.ResumeProducing()).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void OverAStringTransport_ItsChunksArriveInOrder()
    {
        var transport = new StringTransport();
        var producer = new NonStreamingProducer(transport);
        transport.RegisterProducer(producer, streaming: false);

        while (transport.Producer is not null)
        {
            producer.ResumeProducing();
        }

        Encoding.ASCII.GetString(transport.Value()).Should().Be("0123456789");
    }

    private sealed class ConsumerProbe : IConsumer
    {
        public List<string> Writes { get; } = [];

        public IProducer? Producer { get; private set; }

        public void RegisterProducer(IProducer producer, bool streaming) => Producer = producer;

        public void UnregisterProducer() => Producer = null;

        public void Write(ReadOnlySpan<byte> data) => Writes.Add(Encoding.ASCII.GetString(data));
    }
}
