// Command-line options shared by the benchmarks: `--name value` and repeated `--param key=value`.

const args = process.argv.slice(2);

/** The value after `--name`, or `dflt` when the option is absent. */
export const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};

/** Whether the bare flag `--name` is present. */
export const flag = (name) => args.includes(`--${name}`);

/** Every `--param key=value` as an object: numbers and true/false are typed, the rest kept as text. */
export function paramArgs() {
  const params = {};
  args.forEach((a, i) => {
    if (a !== '--param') return;
    const [k, v] = args[i + 1].split('=');
    params[k] = v === 'true' ? true : v === 'false' ? false : Number.isFinite(Number(v)) ? Number(v) : v;
  });
  return params;
}
