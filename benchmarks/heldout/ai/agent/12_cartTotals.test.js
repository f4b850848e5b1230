const { calculateTotals, applyCoupon, formatMoney } = require('../src/cartTotals');

const item = (sku, price, qty = 1, extra = {}) => ({ sku, price, qty, ...extra });

describe('calculateTotals', () => {
  test('empty cart is all zeros', () => {
    expect(calculateTotals([])).toEqual({ subtotal: 0, discount: 0, tax: 0, shipping: 0, total: 0 });
  });

  test('sums price * qty in cents', () => {
    const t = calculateTotals([item('A', 1999, 2), item('B', 500)], { taxRate: 0 });
    expect(t.subtotal).toBe(4498);
  });

  test('applies tax after discount and rounds half up', () => {
    const t = calculateTotals([item('A', 1000)], { taxRate: 0.075, discount: 100 });
    // (1000 - 100) * 0.075 = 67.5 -> 68
    expect(t.tax).toBe(68);
    expect(t.total).toBe(1000 - 100 + 68 + t.shipping);
  });

  test('tax-exempt items are not taxed', () => {
    const t = calculateTotals([item('FOOD', 1000, 1, { taxExempt: true }), item('TOY', 1000)], { taxRate: 0.1 });
    expect(t.tax).toBe(100);
  });

  test('free shipping at or above the threshold', () => {
    const opts = { taxRate: 0, shippingFlat: 599, freeShippingOver: 5000 };
    expect(calculateTotals([item('A', 4999)], opts).shipping).toBe(599);
    expect(calculateTotals([item('A', 5000)], opts).shipping).toBe(0);
  });

  test('digital-only carts never pay shipping', () => {
    const t = calculateTotals([item('EBOOK', 900, 1, { digital: true })], { shippingFlat: 599 });
    expect(t.shipping).toBe(0);
  });

  test.each([
    [item('A', -1)],
    [item('A', 100, 0)],
    [item('A', 100, 1.5)],
    [item('A', '100')],
  ])('rejects invalid line %o', (bad) => {
    expect(() => calculateTotals([bad])).toThrow(/invalid/i);
  });

  test('discount can never make the total negative', () => {
    const t = calculateTotals([item('A', 500)], { discount: 10_000, taxRate: 0.2, shippingFlat: 0 });
    expect(t.discount).toBe(500);
    expect(t.total).toBe(0);
  });
});

describe('applyCoupon', () => {
  const cart = [item('A', 2000), item('B', 3000)];

  test('percentage coupon', () => {
    expect(applyCoupon(cart, { type: 'percent', value: 10 })).toBe(500);
  });

  test('fixed coupon capped at subtotal', () => {
    expect(applyCoupon(cart, { type: 'fixed', value: 99999 })).toBe(5000);
  });

  test('sku-restricted coupon only counts matching lines', () => {
    expect(applyCoupon(cart, { type: 'percent', value: 50, skus: ['B'] })).toBe(1500);
  });

  test('minimum spend not met gives no discount', () => {
    expect(applyCoupon(cart, { type: 'fixed', value: 500, minSubtotal: 10000 })).toBe(0);
  });

  test('expired coupon is ignored', () => {
    const now = new Date('2025-06-01T00:00:00Z');
    const coupon = { type: 'fixed', value: 500, expiresAt: '2025-05-31T23:59:59Z' };
    expect(applyCoupon(cart, coupon, now)).toBe(0);
  });

  test('unknown coupon type throws', () => {
    expect(() => applyCoupon(cart, { type: 'bogo', value: 1 })).toThrow('unknown coupon type');
  });
});

describe('formatMoney', () => {
  test.each([
    [0, '$0.00'],
    [5, '$0.05'],
    [123456, '$1,234.56'],
    [-250, '-$2.50'],
  ])('formatMoney(%i) -> %s', (cents, expected) => {
    expect(formatMoney(cents)).toBe(expected);
  });

  test('other currencies', () => {
    expect(formatMoney(1000, 'EUR', 'de-DE')).toMatch(/10,00\s€/);
  });
});
