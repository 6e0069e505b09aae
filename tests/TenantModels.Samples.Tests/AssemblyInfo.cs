[assembly: Microsoft.VisualStudio.TestTools.UnitTesting.Parallelize(Workers = 0, Scope = Microsoft.VisualStudio.TestTools.UnitTesting.ExecutionScope.ClassLevel)]
