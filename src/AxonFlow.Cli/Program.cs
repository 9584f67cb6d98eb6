using AxonFlow.Cli;

return await AxonFlowCli.RunAsync(args, Console.Out, Console.Error);
