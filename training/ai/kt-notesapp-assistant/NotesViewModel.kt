package com.example.notes.ui

import androidx.lifecycle.SavedStateHandle
import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import com.example.notes.data.Note
import com.example.notes.data.NotesRepository
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.FlowPreview
import kotlinx.coroutines.flow.MutableSharedFlow
import kotlinx.coroutines.flow.SharedFlow
import kotlinx.coroutines.flow.SharingStarted
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asSharedFlow
import kotlinx.coroutines.flow.catch
import kotlinx.coroutines.flow.debounce
import kotlinx.coroutines.flow.distinctUntilChanged
import kotlinx.coroutines.flow.flatMapLatest
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.stateIn
import kotlinx.coroutines.launch

/**
 * Everything the notes list screen needs to render itself.
 */
sealed interface NotesUiState {
    /** Shown until the first database emission arrives. */
    object Loading : NotesUiState

    /** The list of notes, possibly empty, and the query that produced it. */
    data class Content(val notes: List<Note>, val query: String) : NotesUiState {
        /** True when the list is empty because of the search, not because there are no notes. */
        val isEmptySearch: Boolean get() = notes.isEmpty() && query.isNotBlank()
    }

    /** Something went wrong reading the database. */
    data class Error(val message: String) : NotesUiState
}

/**
 * One-off events the screen should react to exactly once (snackbars, navigation).
 */
sealed interface NotesEvent {
    data class ShowMessage(val text: String) : NotesEvent
    data class NoteDeleted(val note: Note) : NotesEvent
}

/**
 * ViewModel for the notes list.
 *
 * The current search query is kept in [SavedStateHandle] so it survives process death.
 * Query changes are debounced so the database isn't queried on every keystroke.
 */
@OptIn(FlowPreview::class, ExperimentalCoroutinesApi::class)
class NotesViewModel(
    private val repository: NotesRepository,
    private val savedState: SavedStateHandle,
) : ViewModel() {

    private val query: StateFlow<String> = savedState.getStateFlow(KEY_QUERY, "")

    private val _events = MutableSharedFlow<NotesEvent>(extraBufferCapacity = 8)

    /** One-off UI events. Collect this from the UI while it is at least STARTED. */
    val events: SharedFlow<NotesEvent> = _events.asSharedFlow()

    /** The screen state. Stops collecting five seconds after the UI goes away (e.g. rotation keeps it alive). */
    val uiState: StateFlow<NotesUiState> = query
        .debounce(SEARCH_DEBOUNCE_MS)
        .distinctUntilChanged()
        .flatMapLatest { q -> repository.notes(q).map<List<Note>, NotesUiState> { NotesUiState.Content(it, q) } }
        .catch { e -> emit(NotesUiState.Error(e.message ?: "Could not load notes")) }
        .stateIn(viewModelScope, SharingStarted.WhileSubscribed(5_000), NotesUiState.Loading)

    /** Called as the user types in the search box. */
    fun onQueryChanged(newQuery: String) {
        savedState[KEY_QUERY] = newQuery
    }

    fun onTogglePinned(note: Note) {
        viewModelScope.launch {
            runCatching { repository.togglePinned(note.id) }
                .onFailure { _events.tryEmit(NotesEvent.ShowMessage("Could not update the note")) }
        }
    }

    /** Deletes a note and emits [NotesEvent.NoteDeleted] so the UI can show an "Undo" action. */
    fun onDelete(note: Note) {
        viewModelScope.launch {
            try {
                val deleted = repository.delete(note.id)
                if (deleted != null) _events.emit(NotesEvent.NoteDeleted(deleted))
            } catch (e: Exception) {
                _events.emit(NotesEvent.ShowMessage("Delete failed: ${e.message}"))
            }
        }
    }

    /** Restores a note after the user tapped "Undo". */
    fun onUndoDelete(note: Note) {
        viewModelScope.launch {
            runCatching { repository.restore(note) }
                .onFailure { _events.emit(NotesEvent.ShowMessage("Could not restore the note")) }
        }
    }

    private companion object {
        const val KEY_QUERY = "query"
        const val SEARCH_DEBOUNCE_MS = 250L
    }
}
