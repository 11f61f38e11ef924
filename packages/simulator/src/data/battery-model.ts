// Home battery: charges from solar surplus, discharges into deficit, limited by its rate and by
// 0..100 % charge. Powers are integer hundredths of a watt so the grid fields stay exact.

/** Charge level every simulation starts from, at UTC midnight of the previous day. */
export const START_CHARGE_PERCENT = 50;

const STEP_HOURS = 5 / 60;

/** The battery's state between five-minute steps. */
export interface BatteryState {
  /** State of charge in percent. */
  charge: number;
}

/**
 * One five-minute step. `surplusH` is generation minus usage (hundredths of W). Returns the
 * battery power B in hundredths of W (+ charging, − discharging) and updates `state.charge`.
 * B never exceeds the surplus (so it cannot import to charge) nor the deficit (so it cannot export).
 */
export function batteryStep(state: BatteryState, capacityKwh: number, maxRateW: number, surplusH: number): number {
  const capacityWh = capacityKwh * 1000;
  const rateH = maxRateW * 100;
  let powerH = 0;
  if (surplusH > 0) {
    const roomH = Math.floor((((100 - state.charge) / 100) * capacityWh * 100) / STEP_HOURS);
    powerH = Math.min(surplusH, rateH, roomH);
  } else if (surplusH < 0) {
    const storedH = Math.floor(((state.charge / 100) * capacityWh * 100) / STEP_HOURS);
    powerH = -Math.min(-surplusH, rateH, storedH);
  }
  const deltaPercent = ((powerH / 100) * STEP_HOURS * 100) / capacityWh;
  state.charge = Math.min(100, Math.max(0, state.charge + deltaPercent));
  return powerH;
}
