/** The provider adapters by vendor (`createAdapters(env)`), shared by routing and semantic matching. */
export const PROVIDER_ADAPTERS = Symbol('kt.gateway.provider-adapters');
