import {HTTPError} from '../errors/HTTPError.js';

export type BeforeErrorHook = (error: HTTPError) => HTTPError | void | Promise<HTTPError | void>;

export interface Hooks {
	/**
	This hook enables you to modify the `HTTPError` right before it is thrown. The hook function receives an `HTTPError` as an argument and can return an instance of `HTTPError` to replace the error that will be thrown. If nothing is returned, the error passed to the next hook is left unchanged.

	The hook is only called when `throwHttpErrors` is enabled and the response has a non-2xx status code. It is called after the `afterResponse` hooks. Errors that are not HTTP errors, like network errors or a `TimeoutError`, are not passed to this hook.

	@default []

	@example
	```
	import ky from 'ky';

	await ky('https://example.com', {
		hooks: {
			beforeError: [
				async error => {
					const {response} = error;
					if (response && response.body) {
						const body = await response.clone().json();
						error.name = 'GitHubError';
						error.message = `${body.message} (${response.status})`;
					}

					return error;
				}
			]
		}
	});
	```
	*/
	beforeError?: BeforeErrorHook[];
}

export class Ky {
	protected async _runBeforeErrorHooks(error: HTTPError): Promise<HTTPError> {
		for (const hook of this._options.hooks.beforeError) {
			// eslint-disable-next-line no-await-in-loop
			const modifiedError = await hook(error);

			// A hook can replace the error or return nothing to keep the current one
			if (modifiedError instanceof HTTPError) {
				error = modifiedError;
			}
		}

		return error;
	}
}
