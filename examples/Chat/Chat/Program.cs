using Examples;
using Examples.Chat;

// dotnet run --project examples/Chat/Chat -- --port 6667
// then, from several terminals: nc 127.0.0.1 6667 (or telnet), type a nickname, then chat; /who, /quit.
return ServerCommandLine.Run("chat", 6667, args, reactor => new ChatRoom(reactor, new ChatOptions()));
