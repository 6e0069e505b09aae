using Microsoft.VisualStudio.TestTools.UnitTesting;

// Each test starts its own language server and builds its own copy of a sample: nothing is shared, but the machine's
// cores are, so one at a time.
[assembly: DoNotParallelize]
