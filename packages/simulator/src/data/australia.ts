// Plausible Australian reference data: names, streets, real suburbs with their postcodes and
// coordinates, and the cities whose weather and time zone the devices share.

/**
 * The simulator's TimezoneId values and the IANA zone each stands for. The real API documents
 * TimezoneId only as an integer; these ids are the simulator's own.
 */
export const TIMEZONES: Readonly<Record<number, string>> = Object.freeze({
  10: 'Australia/Melbourne',
  11: 'Australia/Sydney',
  12: 'Australia/Brisbane',
  13: 'Australia/Adelaide',
  14: 'Australia/Darwin',
  15: 'Australia/Perth',
  16: 'Australia/Hobart',
});

/** A city whose weather, time zone and landline area code its suburbs share. */
export interface City {
  /** City name, as shown in WeatherLocation. */
  readonly name: string;
  /** State or territory abbreviation. */
  readonly state: string;
  /** Key of {@link TIMEZONES}. */
  readonly timezoneId: number;
  /** Landline area code digit (2, 3, 7 or 8). */
  readonly areaCode: number;
  /** Suburbs with postcode and approximate centre. */
  readonly suburbs: readonly Suburb[];
}

/** A real suburb with its postcode and approximate centre. */
export interface Suburb {
  readonly name: string;
  readonly postcode: string;
  readonly latitude: number;
  readonly longitude: number;
}

const suburb = (name: string, postcode: string, latitude: number, longitude: number): Suburb => ({
  name,
  postcode,
  latitude,
  longitude,
});

/** Cities, weighted roughly by population through repetition in {@link CITY_WEIGHTS}. */
export const CITIES: readonly City[] = [
  {
    name: 'Melbourne',
    state: 'VIC',
    timezoneId: 10,
    areaCode: 3,
    suburbs: [
      suburb('Fitzroy', '3065', -37.7991, 144.9789),
      suburb('Brunswick', '3056', -37.7667, 144.9619),
      suburb('Richmond', '3121', -37.8183, 144.9984),
      suburb('St Kilda', '3182', -37.8641, 144.9801),
      suburb('Footscray', '3011', -37.8, 144.8997),
      suburb('Box Hill', '3128', -37.8189, 145.1251),
      suburb('Coburg', '3058', -37.7441, 144.9647),
    ],
  },
  {
    name: 'Sydney',
    state: 'NSW',
    timezoneId: 11,
    areaCode: 2,
    suburbs: [
      suburb('Newtown', '2042', -33.8981, 151.1795),
      suburb('Parramatta', '2150', -33.815, 151.0011),
      suburb('Bondi', '2026', -33.8915, 151.2767),
      suburb('Chatswood', '2067', -33.7969, 151.1832),
      suburb('Marrickville', '2204', -33.911, 151.1553),
      suburb('Penrith', '2750', -33.7511, 150.6942),
    ],
  },
  {
    name: 'Brisbane',
    state: 'QLD',
    timezoneId: 12,
    areaCode: 7,
    suburbs: [
      suburb('Paddington', '4064', -27.4598, 152.9999),
      suburb('West End', '4101', -27.4818, 153.0095),
      suburb('Chermside', '4032', -27.3858, 153.0307),
      suburb('Indooroopilly', '4068', -27.5002, 152.9731),
    ],
  },
  {
    name: 'Perth',
    state: 'WA',
    timezoneId: 15,
    areaCode: 8,
    suburbs: [
      suburb('Fremantle', '6160', -32.0569, 115.7439),
      suburb('Subiaco', '6008', -31.9486, 115.8267),
      suburb('Joondalup', '6027', -31.7448, 115.7661),
      suburb('Scarborough', '6019', -31.8942, 115.7574),
    ],
  },
  {
    name: 'Adelaide',
    state: 'SA',
    timezoneId: 13,
    areaCode: 8,
    suburbs: [
      suburb('Glenelg', '5045', -34.9799, 138.5156),
      suburb('Norwood', '5067', -34.9211, 138.6317),
      suburb('Prospect', '5082', -34.8833, 138.5943),
    ],
  },
  {
    name: 'Hobart',
    state: 'TAS',
    timezoneId: 16,
    areaCode: 3,
    suburbs: [
      suburb('Sandy Bay', '7005', -42.9045, 147.3262),
      suburb('Battery Point', '7004', -42.8911, 147.3311),
      suburb('Kingston', '7050', -42.9758, 147.3079),
    ],
  },
  {
    name: 'Darwin',
    state: 'NT',
    timezoneId: 14,
    areaCode: 8,
    suburbs: [
      suburb('Nightcliff', '0810', -12.3831, 130.8502),
      suburb('Parap', '0820', -12.4305, 130.8417),
      suburb('Palmerston', '0830', -12.48, 130.9833),
    ],
  },
  {
    name: 'Canberra',
    state: 'ACT',
    timezoneId: 11,
    areaCode: 2,
    suburbs: [
      suburb('Braddon', '2612', -35.2717, 149.1339),
      suburb('Belconnen', '2617', -35.2383, 149.0656),
      suburb('Kingston', '2604', -35.3156, 149.1453),
    ],
  },
];

/** Indexes into {@link CITIES}, repeated to weight the draw towards the big cities. */
export const CITY_WEIGHTS: readonly number[] = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 6, 7];

/** Common given names. */
export const FIRST_NAMES: readonly string[] = [
  'Olivia',
  'Charlotte',
  'Amelia',
  'Isla',
  'Mia',
  'Ava',
  'Grace',
  'Chloe',
  'Matilda',
  'Ruby',
  'Zoe',
  'Sienna',
  'Harper',
  'Evie',
  'Jack',
  'Oliver',
  'William',
  'Noah',
  'Thomas',
  'James',
  'Lachlan',
  'Liam',
  'Cooper',
  'Ethan',
  'Lucas',
  'Mason',
  'Hamish',
  'Angus',
  'Priya',
  'Wei',
  'Mai',
  'Anh',
  'Aroha',
  'Sione',
  'Fatima',
  'Giulia',
  'Nikos',
  'Bridget',
  'Declan',
  'Siobhan',
];

/** Common family names, including some with apostrophes and prefixes. */
export const LAST_NAMES: readonly string[] = [
  'Smith',
  'Jones',
  'Williams',
  'Brown',
  'Wilson',
  'Taylor',
  'Nguyen',
  'Johnson',
  'Martin',
  'White',
  'Anderson',
  'Walker',
  'Thompson',
  'Kelly',
  "O'Brien",
  "O'Connor",
  "D'Souza",
  'Ryan',
  'Murphy',
  'Lee',
  'Chen',
  'Wang',
  'Tran',
  'Singh',
  'Patel',
  'Papadopoulos',
  'Rossi',
  'Campbell',
  'McDonald',
  'Mitchell',
  'Harris',
  'King',
  'Hughes',
  'Scott',
  'Young',
  'Robinson',
  'Clarke',
  'MacKenzie',
];

/** Street names with their suffix. */
export const STREETS: readonly string[] = [
  'Wattle Street',
  'Banksia Avenue',
  'Station Street',
  'High Street',
  'Church Street',
  'Gum Tree Lane',
  'Acacia Road',
  'Bottlebrush Court',
  'Kookaburra Crescent',
  'Waratah Parade',
  'Jacaranda Drive',
  'George Street',
  'Victoria Road',
  'Queen Street',
  'Ocean Parade',
  'Grevillea Way',
];
