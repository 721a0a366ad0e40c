/**
 * Small services that publish and receive events over real HTTP (outbox, dispatcher, inbox), for
 * tests of delivery between a service and a stand-in for its peer (e.g. finance and an `orders`
 * node publishing contract events): `@mosaic/service-kit/testing/nodes`.
 */
export { SECRET, startNode, type EventNode, type NodeOptions } from './test-support/event-nodes.js'
