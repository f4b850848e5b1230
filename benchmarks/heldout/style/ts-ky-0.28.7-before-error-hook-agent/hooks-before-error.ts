import test from 'ava';
import delay from 'delay';
import ky, {HTTPError} from '../source/index.js';
import {createHttpTestServer} from './helpers/create-http-test-server.js';

test('beforeError hook allows modifications', async t => {
	const server = await createHttpTestServer();
	server.get('/', (_request, response) => {
		response.status(500).send();
	});

	const errorString = 'foo';

	await t.throwsAsync(
		ky.get(server.url, {
			hooks: {
				beforeError: [
					error => {
						const {response} = error;

						if (response && response.status === 500) {
							error.name = 'GitHubError';
							error.message = `${errorString} ${response.status}`;
						}

						return error;
					},
				],
			},
		}),
		{
			name: 'GitHubError',
			message: `${errorString} 500`,
		},
	);

	await server.close();
});

test('beforeError hook can be async and read the response body', async t => {
	const server = await createHttpTestServer();
	server.get('/', (_request, response) => {
		response.status(422).json({message: 'Validation failed'});
	});

	await t.throwsAsync(
		ky.get(server.url, {
			hooks: {
				beforeError: [
					async error => {
						await delay(100);
						const body = await error.response.clone().json();
						error.message = `${body.message as string} (${error.response.status})`;
						return error;
					},
				],
			},
		}).json(),
		{
			instanceOf: HTTPError,
			message: 'Validation failed (422)',
		},
	);

	await server.close();
});

test('beforeError hook can replace the error and hooks are run in order', async t => {
	const server = await createHttpTestServer();
	server.get('/', (_request, response) => {
		response.status(404).send();
	});

	const calls: string[] = [];
	let firstError: HTTPError | undefined;

	const error = await t.throwsAsync<HTTPError>(
		ky.get(server.url, {
			hooks: {
				beforeError: [
					error => {
						calls.push('first');
						firstError = error;
						return new HTTPError(error.response, error.request, error.options);
					},
					error => {
						calls.push('second');
						t.not(error, firstError);
						// Returning nothing keeps the current error
					},
				],
			},
		}),
		{instanceOf: HTTPError},
	);

	t.deepEqual(calls, ['first', 'second']);
	t.not(error, firstError);
	t.is(error.response.status, 404);

	await server.close();
});

test('beforeError hook is called after afterResponse hooks', async t => {
	const server = await createHttpTestServer();
	server.get('/', (_request, response) => {
		response.status(200).send();
	});

	await t.throwsAsync(
		ky.get(server.url, {
			hooks: {
				afterResponse: [
					() => new Response('changed', {status: 503}),
				],
				beforeError: [
					error => {
						error.message = `status ${error.response.status}`;
						return error;
					},
				],
			},
		}),
		{message: 'status 503'},
	);

	await server.close();
});

test('beforeError hook is not called for successful responses or when throwHttpErrors is false', async t => {
	const server = await createHttpTestServer();
	server.get('/', (_request, response) => {
		response.end('ok');
	});
	server.get('/fail', (_request, response) => {
		response.status(500).send();
	});

	let called = false;
	const hooks = {
		beforeError: [
			(error: HTTPError) => {
				called = true;
				return error;
			},
		],
	};

	t.is(await ky.get(server.url, {hooks}).text(), 'ok');

	const response = await ky.get(`${server.url}/fail`, {hooks, throwHttpErrors: false});
	t.is(response.status, 500);
	t.false(called);

	await server.close();
});

test('beforeError hook is not called for timeout errors', async t => {
	const server = await createHttpTestServer();
	server.get('/', async (_request, response) => {
		await delay(1000);
		response.end('late');
	});

	let called = false;

	await t.throwsAsync(
		ky.get(server.url, {
			timeout: 500,
			retry: 0,
			hooks: {
				beforeError: [
					error => {
						called = true;
						return error;
					},
				],
			},
		}),
		{name: 'TimeoutError'},
	);

	t.false(called);

	await server.close();
});
