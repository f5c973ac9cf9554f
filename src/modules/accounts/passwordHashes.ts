/** Password hashes: argon2id (the library's default algorithm) with OWASP's recommended parameters: 19 MiB, 2 passes, 1 lane. */
import { hash, verify } from '@node-rs/argon2';

const argonOptions = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string): Promise<string> => hash(password, argonOptions);

export const verifyPassword = (passwordHash: string, password: string): Promise<boolean> => verify(passwordHash, password);
