using Platform.Cli;

// platform [--address URL] [--api-key KEY] [--json] <area> <verb> …   (see README, "Command line")
return await PlatformCommands.Create(Console.Out, Console.Error).Parse(args).InvokeAsync();
