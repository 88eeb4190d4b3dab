-- A ticket remembers the sign-in session that minted it: signing out closes the sockets it
-- opened (on any process, across restarts), and drops its unused tickets with the session.
ALTER TABLE `ws_tickets` ADD `session_id` text REFERENCES sessions(id) ON DELETE cascade;
