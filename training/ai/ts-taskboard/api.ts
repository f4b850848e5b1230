/**
 * Typed API client for the task board backend.
 */

export interface Task {
  id: string;
  title: string;
  description?: string;
  status: 'todo' | 'in_progress' | 'done';
  assigneeId?: string;
  dueDate?: string;
  createdAt: string;
}

export type CreateTaskInput = Pick<Task, 'title' | 'description' | 'assigneeId' | 'dueDate'>;

export class ApiError extends Error {
  constructor(
    message: string,
    public readonly status: number,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface RequestOptions extends RequestInit {
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export class TaskApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly getToken: () => Promise<string | null>,
  ) {}

  /**
   * Perform a JSON request with authentication, a timeout and consistent error handling.
   */
  private async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const { timeoutMs = DEFAULT_TIMEOUT_MS, headers, ...init } = options;
    const controller = new AbortController();
    const timeoutId = setTimeout(() => controller.abort(), timeoutMs);

    try {
      const token = await this.getToken();
      const response = await fetch(`${this.baseUrl}${path}`, {
        ...init,
        signal: controller.signal,
        headers: {
          'Content-Type': 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
      });

      if (!response.ok) {
        const body = await response.json().catch(() => undefined);
        throw new ApiError(`Request to ${path} failed with status ${response.status}`, response.status, body);
      }

      // 204 No Content has no body to parse
      if (response.status === 204) {
        return undefined as T;
      }
      return (await response.json()) as T;
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') {
        throw new ApiError(`Request to ${path} timed out after ${timeoutMs}ms`, 408);
      }
      throw error;
    } finally {
      clearTimeout(timeoutId);
    }
  }

  listTasks(status?: Task['status']): Promise<Task[]> {
    const query = status ? `?status=${encodeURIComponent(status)}` : '';
    return this.request<Task[]>(`/tasks${query}`);
  }

  createTask(input: CreateTaskInput): Promise<Task> {
    return this.request<Task>('/tasks', { method: 'POST', body: JSON.stringify(input) });
  }

  updateStatus(id: string, status: Task['status']): Promise<Task> {
    return this.request<Task>(`/tasks/${id}`, { method: 'PATCH', body: JSON.stringify({ status }) });
  }

  deleteTask(id: string): Promise<void> {
    return this.request<void>(`/tasks/${id}`, { method: 'DELETE' });
  }
}
