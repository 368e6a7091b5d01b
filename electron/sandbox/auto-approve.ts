import type { Context, Middleware, Next } from 'koa';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';

export const SANDBOX_ACCOUNT = 'sandbox-user';
export const INTERACTION_PREFIX = '/interaction/';

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

async function consent(provider: Provider, interaction: Interaction): Promise<InteractionResults> {
  const accountId = interaction.session?.accountId ?? SANDBOX_ACCOUNT;
  const clientId = String(interaction.params.client_id);
  const grant = interaction.grantId
    ? await provider.Grant.find(interaction.grantId)
    : new provider.Grant({ accountId, clientId });
  if (!grant) throw new Error('grant of the interaction not found');

  const details = interaction.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
  if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, scopes.join(' '));
  }
  return { consent: { grantId: await grant.save() } };
}

/**
 * The sandbox has no login page: every interaction logs in the sandbox account and grants what
 * was asked, then sends the user agent back to the authorization endpoint.
 */
export function autoApprove(provider: Provider): Middleware {
  return async (ctx: Context, next: Next) => {
    if (!ctx.path.startsWith(INTERACTION_PREFIX)) return next();
    let interaction: Interaction;
    try {
      interaction = await provider.interactionDetails(ctx.req, ctx.res);
    } catch (error) {
      ctx.status = 400;
      ctx.body = {
        error: 'invalid_request',
        error_description: `${error instanceof Error ? error.message : String(error)}: the sandbox approves authorization requests by itself, but the user agent must follow its redirects carrying the cookies it sets`,
      };
      return;
    }
    const result: InteractionResults =
      interaction.prompt.name === 'login'
        ? { login: { accountId: SANDBOX_ACCOUNT } }
        : await consent(provider, interaction);
    const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: true });
    ctx.status = 303;
    ctx.redirect(returnTo);
  };
}
