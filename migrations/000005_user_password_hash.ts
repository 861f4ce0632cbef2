// Version 5, `UserPasswordHash`: every plaintext panel password becomes a bcrypt hash of cost 10,
// which the panel's login checks with bcrypt.CompareHashAndPassword (docs/panel-database.md §2.3).
// Irreversible: the migrator keeps no before-image for this step, and nothing here writes or
// reports a plaintext password.
//
// Differences from the Go seeder, all deliberate:
// * A value that already is a bcrypt hash is skipped. The seeder hashes it again, after which the
//   password the admin knows no longer works.
// * A plaintext longer than 72 bytes fails the step cleanly, naming the user, before anything is
//   hashed (the seeder fails the panel's start instead; bcrypt cannot hash it).
// * FIX FOR S18 DAMAGE (§3.6): the panel's SQL file 000005 stored 'HASHED:' || password, which no
//   login matches. Such a value is hashed WITHOUT the prefix (every repetition of it), so the
//   password the admin actually set works again; the Go seeder would make 'HASHED:<pw>' the
//   effective password. A note names each user this applied to.
// bcryptjs writes `$2b$10$…`; Go's bcrypt accepts any `$2?$` minor version.
import { descriptorOf } from '../electron/panel/catalog';
import { hashUserPasswords } from '../electron/core/password-hashing';
import type { PanelMigration } from '../electron/core/step-types';

export const userPasswordHash: PanelMigration = {
  ...descriptorOf(5),
  touches: ['users'],
  up: (context) => hashUserPasswords(context),
};
