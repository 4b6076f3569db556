// kafkajs 2.2.4 arms a timer with a negative delay (tulios/kafkajs#1751, unreleased fix); Node 24
// runs it after 1 ms, as kafkajs means, and prints a TimeoutNegativeWarning to stderr once per
// process. Every kt process would show it; only that warning is dropped, every other one still prints.
const emitWarning = process.emitWarning;

process.emitWarning = function emitUnlessNegativeTimeout(warning, ...rest) {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
  const name = warning instanceof Error ? warning.name : type;
  if (name === 'TimeoutNegativeWarning') return;
  return emitWarning.call(process, warning, ...rest);
};
