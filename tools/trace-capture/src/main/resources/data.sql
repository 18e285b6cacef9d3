insert into owner (id, last_name) values (1, 'Franklin');
insert into pet (id, name, owner_id) values (1, 'Leo', 1);
