// Placeholder entry point; the experiment app (issue 7) replaces it.
System.Console.WriteLine("asyncfl: the experiment app is not built yet.");
return 0;
