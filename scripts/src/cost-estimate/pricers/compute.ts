// Compute: Lambda functions, ECS services on Fargate, EC2 instances.
import { formatCount, literal, numeric, objectProp, prop, type Pricer } from "../pricer.js";

export const priceLambda: Pricer = (ctx) => {
  const r = ctx.resource;
  const architectures = prop(r, "Architectures", "architectures");
  const arm = Array.isArray(architectures) && architectures.includes("arm64");
  const memory = numeric(prop(r, "MemorySize", "memory_size"));
  const memoryMb = memory ?? 128;
  ctx.assume(memory === undefined ? "memory 128 MB (the Lambda default; the template sets none, or an expression)" : `memory ${formatCount(memoryMb)} MB (template)`);
  ctx.assume(`architecture ${arm ? "arm64" : "x86_64"} (${architectures === undefined ? "the Lambda default" : "template"})`);
  const requests = ctx.num("requests");
  const durationMs = ctx.num("duration_ms");
  ctx.line("Requests", "lambda.price-requests", requests, `${formatCount(requests)} invocations`);
  const gbSeconds = requests * (durationMs / 1000) * (memoryMb / 1024);
  ctx.line(
    `Duration, ${arm ? "arm64" : "x86_64"}`,
    arm ? "lambda.price-gb-second-arm64" : "lambda.price-gb-second-x86",
    gbSeconds,
    `${formatCount(requests)} x ${formatCount(durationMs / 1000)} s x ${formatCount(memoryMb / 1024)} GB`,
  );
};

export const priceEcsService: Pricer = (ctx) => {
  const r = ctx.resource;
  const launchType = literal(prop(r, "LaunchType", "launch_type"));
  const strategy = prop(r, "CapacityProviderStrategy", "capacity_provider_strategy");
  const providers = Array.isArray(strategy) ? strategy.map((s) => String((s as Record<string, unknown>)[r.language === "cloudformation" ? "CapacityProvider" : "capacity_provider"])) : [];
  const fargate = launchType === "FARGATE" || (launchType === undefined && providers.length > 0 && providers.every((p) => p === "FARGATE"));
  if (!fargate) {
    const why = providers.includes("FARGATE_SPOT") ? "Fargate Spot prices are not in skill/data" : "tasks on EC2 container instances are billed as those instances";
    ctx.notPriced("Tasks", why);
    return;
  }
  const taskDefinition = ctx.find(prop(r, "TaskDefinition", "task_definition"));
  if (!taskDefinition) {
    ctx.notPriced("Tasks", "its task definition is not in this input, so its CPU and memory are unknown");
    return;
  }
  const cpuUnits = numeric(prop(taskDefinition, "Cpu", "cpu"));
  const memoryMb = numeric(prop(taskDefinition, "Memory", "memory"));
  if (cpuUnits === undefined || memoryMb === undefined) {
    ctx.notPriced("Tasks", `task definition ${taskDefinition.id} sets no task-level CPU and memory`);
    return;
  }
  const platform = objectProp(taskDefinition, "RuntimePlatform", "runtime_platform");
  const arm = platform?.[r.language === "cloudformation" ? "CpuArchitecture" : "cpu_architecture"] === "ARM64";
  const vcpu = cpuUnits / 1024;
  const gb = memoryMb / 1024;
  ctx.assume(`${formatCount(vcpu)} vCPU, ${formatCount(gb)} GB, ${arm ? "ARM64" : "X86_64"} per task (task definition ${taskDefinition.id})`);
  const desired = numeric(prop(r, "DesiredCount", "desired_count"));
  const tasks = ctx.num("tasks", desired === undefined ? undefined : { value: desired, what: "desired count" });
  const hours = ctx.hours();
  const arch = arm ? "arm64" : "x86";
  ctx.line(`Fargate vCPU, ${arm ? "ARM64" : "x86"}`, `fargate.price-vcpu-hour-${arch}`, tasks * vcpu * hours, `${formatCount(tasks)} task${tasks === 1 ? "" : "s"} x ${formatCount(vcpu)} vCPU x ${formatCount(hours)} h`);
  ctx.line(`Fargate memory, ${arm ? "ARM64" : "x86"}`, `fargate.price-gb-hour-${arch}`, tasks * gb * hours, `${formatCount(tasks)} task${tasks === 1 ? "" : "s"} x ${formatCount(gb)} GB x ${formatCount(hours)} h`);
  // A task in a public subnet with a public IP holds an IPv4 address while it runs.
  const network = objectProp(r, "NetworkConfiguration", "network_configuration");
  const awsvpc = r.language === "cloudformation" ? (network?.AwsvpcConfiguration as Record<string, unknown> | undefined) : network;
  const publicIp = r.language === "cloudformation" ? awsvpc?.AssignPublicIp === "ENABLED" : awsvpc?.assign_public_ip === true;
  if (publicIp) ctx.line("Public IPv4 addresses of the tasks", "networking.price-public-ipv4-hour", tasks * hours, `${formatCount(tasks)} address${tasks === 1 ? "" : "es"} x ${formatCount(hours)} h`);
};

/** Instance types with a price record (Linux, On-Demand). */
const EC2_TYPES: Record<string, string> = { "t4g.small": "containers.price-t4g-small-hour" };

export const priceEc2Instance: Pricer = (ctx) => {
  const type = literal(prop(ctx.resource, "InstanceType", "instance_type"));
  const fact = type ? EC2_TYPES[type] : undefined;
  if (!type || !fact) {
    ctx.notPriced("Instance hours", type ? `no price record for ${type} in skill/data` : "the instance type is not a literal");
    return;
  }
  const hours = ctx.hours();
  ctx.assume(`${type}, Linux, On-Demand`);
  ctx.line(`Instance hours, ${type}`, fact, hours, `${formatCount(hours)} h`);
  if (hasPublicIp(ctx.resource.properties, ctx.resource.language)) {
    ctx.line("Public IPv4 address hours", "networking.price-public-ipv4-hour", hours, `1 address x ${formatCount(hours)} h`);
  }
  ctx.notPriced("EBS root volume", "priced with its volume size, which the instance's AMI decides");
};

/** An instance that asks for a public IP (an Elastic IP is priced as its own resource). */
function hasPublicIp(properties: Record<string, unknown>, language: "cloudformation" | "terraform"): boolean {
  if (language === "terraform") return properties.associate_public_ip_address === true;
  const interfaces = Array.isArray(properties.NetworkInterfaces) ? (properties.NetworkInterfaces as Record<string, unknown>[]) : [];
  return interfaces.some((i) => i.AssociatePublicIpAddress === true || i.AssociatePublicIpAddress === "true");
}
