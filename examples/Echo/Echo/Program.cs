using Examples;
using Examples.Echo;
using Trial.Protocols;

// dotnet run --project examples/Echo/Echo -- --port 7007
return ServerCommandLine.Run("echo", 7007, args, _ => Factory.ForProtocol<EchoServer>());
