// Independent check of the platform's gRPC endpoint with Node's @grpc/grpc-js. It uses no .proto file of ours: the
// services are discovered through server reflection. Prints one JSON object on stdout.
// Usage: PLATFORM_API_KEY=<key> node check-host.mjs 127.0.0.1:50051
import grpc from '@grpc/grpc-js';
import { GrpcReflection } from 'grpc-js-reflection-client';

const address = process.argv[2] ?? '127.0.0.1:50051';
const credentials = grpc.ChannelCredentials.createInsecure();
// grpc-js refuses call credentials on an insecure channel, so the key travels as metadata on each call.
const metadata = new grpc.Metadata();
metadata.set('authorization', `Bearer ${process.env.PLATFORM_API_KEY ?? ''}`);
// Field names stay as the .proto spells them (snake_case).
const options = { keepCase: true, enums: String, longs: String, defaults: true };

const reflection = new GrpcReflection(address, credentials);
const services = await reflection.listServices(undefined, metadata);
const load = async (symbol) => (await reflection.getDescriptorBySymbol(symbol, metadata)).getPackageObject(options);
const health = (await load('grpc.health.v1.Health')).grpc.health.v1.Health;
const connectors = (await load('platform.control.v1.ConnectorService')).platform.control.v1.ConnectorService;

const call = (client, method, request) =>
  new Promise((resolve, reject) => client[method](request, metadata, (error, response) => (error ? reject(error) : resolve(response))));
const healthClient = new health(address, credentials);
const connectorClient = new connectors(address, credentials);

const overall = await call(healthClient, 'Check', { service: '' });
const list = await call(connectorClient, 'ListConnectors', {});
let unauthenticated = null;
try {
  await new Promise((resolve, reject) => connectorClient.ListConnectors({}, (error, response) => (error ? reject(error) : resolve(response))));
} catch (error) {
  unauthenticated = { code: grpc.status[error.code], details: error.details };
}
let invalidRequest = null;
try {
  await call(connectorClient, 'GetConnector', { id: '' });
} catch (error) {
  invalidRequest = { code: grpc.status[error.code], details: error.details };
}

console.log(JSON.stringify({
  services,
  health: overall.status,
  connectors: list.connectors.map((c) => ({ id: c.id, status: c.status, failureReason: c.failure_reason })),
  invalidRequest,
  unauthenticated,
}));
healthClient.close();
connectorClient.close();
process.exit(0);
