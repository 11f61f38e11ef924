/**
 * Which devices a fleet read covers: every device of a distributor (in ascending device ID), or
 * the devices listed (in the order given, repeats dropped).
 */
export type FleetTarget = { distributorId: string } | { deviceIds: readonly string[] };
