using Concord.Cli.Cli;

return await Commands.Build().Parse(args).InvokeAsync();

/// <summary>Entry point type, visible to tests.</summary>
public partial class Program;
