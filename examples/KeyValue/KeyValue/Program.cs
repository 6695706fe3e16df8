using Examples;
using Examples.KeyValue.Server;

// dotnet run --project examples/KeyValue/KeyValue -- --port 6380
// then: redis-cli -p 6380 set greeting hello ex 60; redis-cli -p 6380 get greeting
return ServerCommandLine.Run("keyvalue", 6380, args, reactor => new KeyValueServerFactory(new KeyValueStore(reactor)));
