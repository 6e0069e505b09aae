// One browser per test class; classes run one after another (the machine's cores are shared, and Chromium is heavy).
[assembly: Microsoft.VisualStudio.TestTools.UnitTesting.DoNotParallelize]
