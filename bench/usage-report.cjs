// Preloaded (node --require) into every process a benchmark measures: at exit it writes the process's
// own resource usage (peak resident memory, CPU time) as one JSON line to file descriptor 3, which
// the benchmark opens as a pipe. Node cannot wait4() a child, so the child reports for itself.
// CommonJS on purpose: an --import preload would start the ES module loader, which `node -e 0` never does.
const { writeSync } = process.getBuiltinModule('node:fs');

process.on('exit', () => {
  const usage = process.resourceUsage();
  try {
    writeSync(3, `${JSON.stringify({ maxRssKb: usage.maxRSS, cpuUs: usage.userCPUTime + usage.systemCPUTime })}\n`);
  } catch {
    // Not run by a benchmark: nothing listens on fd 3.
  }
});
