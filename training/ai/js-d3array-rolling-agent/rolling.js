export function rollingSum(values, k, valueof) {
  return rolling(values, k, valueof, (sum, count) => count ? sum : NaN);
}

export function rollingMean(values, k, valueof) {
  return rolling(values, k, valueof, (sum, count) => count ? sum / count : NaN);
}

function rolling(values, k, valueof, reduce) {
  if (!((k = Math.floor(k)) > 0)) throw new RangeError("invalid k");
  const V = Float64Array.from(values, valueof === undefined
    ? v => v != null && (v = +v) >= v ? v : NaN
    : (v, i) => (v = valueof(v, i, values)) != null && (v = +v) >= v ? v : NaN);
  const n = V.length;
  const R = new Float64Array(n).fill(NaN);
  let sum = 0, count = 0;
  for (let i = 0; i < n; ++i) {
    let v = V[i];
    if (v === v) sum += v, ++count;
    if (i >= k) {
      v = V[i - k];
      if (v === v) sum -= v, --count;
      if (!count) sum = 0;
    }
    if (i >= k - 1) R[i] = reduce(sum, count);
  }
  return R;
}
