// Types for keyring-daemon.mjs, which test/run.mjs imports without TypeScript.
export declare const KEYRING_PASSWORD: string;
export declare function writeBusConfig(dir: string): string;
export declare function startBus(dir: string): Promise<{ address: string; stop: () => void }>;
export interface KeyringSupervisor {
  start(): Promise<void>;
  ready(): Promise<void> | undefined;
  stop(): number;
}
export declare function superviseKeyring(
  env: NodeJS.ProcessEnv,
  say: (line: string) => void,
): KeyringSupervisor;
