// Container entry point: bundled by lib/api-command.ts into the task definition's command.
import { configFromEnv, createApiServer } from "./server.js";

const server = createApiServer(configFromEnv(process.env));
server.listen(8080, () => console.log(JSON.stringify({ message: "listening", port: 8080 })));
// ECS sends SIGTERM on scale-in and deployments: stop accepting, finish in-flight requests, exit.
process.on("SIGTERM", () => server.close(() => process.exit(0)));
